import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types, snake_case as in the specs. Timestamps are ISO-8601 strings written by the application's clock
 * (`timestamptz` on PostgreSQL, TEXT on SQLite); flags are booleans on PostgreSQL and 0/1 on SQLite, so they are
 * read through `toBool`. JSON columns are JSONB on PostgreSQL and TEXT on SQLite: read through `fromJson`.
 */
type Timestamp = string;
type Flag = ColumnType<boolean | number, boolean | undefined, boolean>;
type Json = ColumnType<unknown, string, string>;
type Decimal = ColumnType<number | null, number | null | undefined, number | null>;

export interface UsersTable {
  id: string;
  name: string | null;
  email: string;
  password_hash: string;
  credits: ColumnType<number, number | undefined, number>;
  plan: ColumnType<
    'free' | 'starter' | 'unlimited',
    'free' | 'starter' | 'unlimited' | undefined,
    'free' | 'starter' | 'unlimited'
  >;
  monthly_credits: ColumnType<number, number | undefined, number>;
  credits_reset_at: number | null;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  /** Stripe `created` (epoch seconds) of the event that last set the plan; older events do not undo it. */
  stripe_synced_at: number | null;
  role: ColumnType<'user' | 'admin', 'user' | 'admin' | undefined, 'user' | 'admin'>;
  is_active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set on the tombstone a deleted account leaves: it holds the ledger, without personal data (docs/ACCOUNTS.md). */
  deleted_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token, hex; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  /** Updated at most daily with the sliding expiry: "last used" to within a day. */
  last_refreshed_at: Timestamp;
  /** Random; what the sessions list shows and revokes by (the token's hash never leaves the server). */
  public_id: string;
  /** Device hints, from the request that started the session. */
  user_agent: string | null;
  ip_address: string | null;
}

export interface PasswordResetTokensTable {
  /** SHA-256 of the token in the reset link, hex. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  claim_id: string | null;
}

export interface CoursesTable {
  id: string;
  name: string;
  description: string | null;
  exam_count: ColumnType<number, number | undefined, number>;
  is_active: Flag;
  created_at: Timestamp;
  /** Bumped whenever the course's exams or questions change; the analysis cache is keyed by it. */
  data_version: ColumnType<number, number | undefined, number>;
}

export interface ExamsTable {
  id: string;
  course_id: string;
  year: number;
  semester: string | null;
  exam_type: string;
  total_points: number | null;
  exam_date: number | null;
  upload_date: number | null;
  processed: Flag;
}

export interface TopicsTable {
  id: string;
  course_id: string;
  name: string;
  slug: string;
  category: string;
  difficulty: number | null;
  frequency_score: Decimal;
  avg_points: Decimal;
  total_appearances: ColumnType<number, number | undefined, number>;
  /** Syllabus order within the course. */
  position: ColumnType<number, number | undefined, number>;
}

export interface QuestionsTable {
  id: string;
  exam_id: string | null;
  topic_id: string;
  course_id: string;
  pattern_id: string | null;
  techniques: string | null;
  question_text: string;
  solution_steps: string;
  answer: string;
  answer_kind: string;
  /** JSON: the grader's view of the answer (value, vars, domain). */
  answer_spec: string;
  difficulty: number | null;
  difficulty_reason: string | null;
  frequency_score: Decimal;
  estimated_time: number | null;
  source_exam_year: number | null;
  source_exam_type: string | null;
  source_question_number: number | null;
  source_points: number | null;
  is_generated: Flag;
  /** JSON of a generated variant's parameters (NULL for questions from past exams). */
  variant_params: string | null;
  /** The seed a generated variant was drawn with (NULL for questions from past exams). */
  variant_seed: string | null;
  created_at: Timestamp;
}

export interface QuestionPatternsTable {
  id: string;
  course_id: string;
  topic_id: string;
  name: string;
  techniques: string | null;
  canonical_form: string | null;
  appearance_count: ColumnType<number, number | undefined, number>;
  appearance_rate: Decimal;
  first_seen_year: number | null;
  last_seen_year: number | null;
  example_question_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CreditTransactionsTable {
  id: string;
  user_id: string;
  amount: number;
  type: string;
  description: string | null;
  stripe_payment_intent_id: string | null;
  balance_after: number;
  /** Unique per user: a retried charge or grant with the same key is applied once. */
  idempotency_key: string | null;
  /** Unique: the Stripe checkout session or invoice a grant came from, so each grants once. */
  stripe_object_id: string | null;
  created_at: Timestamp;
}

/** Stripe webhook events already processed, recorded in the same transaction as their effect. */
export interface StripeEventsTable {
  id: string;
  type: string;
  created_at: Timestamp;
}

export interface UserUnlocksTable {
  user_id: string;
  /** 'analysis' | 'question' | 'midterm' */
  resource_type: string;
  resource_id: string;
  created_at: Timestamp;
}

export interface RateLimitBucketsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface CreatorProfilesTable {
  id: string;
  user_id: string;
  niche: string;
  platforms: Json;
  total_followers: number;
  current_monthly_income: number;
  goal: string;
  hours_per_week: number;
  audience_description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProjectStatus = 'active' | 'paused' | 'completed' | 'abandoned';

export interface ActiveProjectsTable {
  id: string;
  user_id: string;
  opportunity_id: string;
  title: string;
  status: ProjectStatus;
  customized_plan: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
}

export type MessageStatus = 'complete' | 'streaming' | 'incomplete';

export interface ProjectChatMessagesTable {
  id: string;
  project_id: string;
  user_id: string;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  client_message_id: string | null;
  reply_to_id: string | null;
  input_tokens: number;
  output_tokens: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectTaskCompletionsTable {
  id: string;
  project_id: string;
  user_id: string;
  task_id: string;
  completed: Flag;
  completed_at: Timestamp | null;
  notes: string | null;
  source: 'manual' | 'detected';
  source_message_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DecisionCategory = 'pricing' | 'platform' | 'structure' | 'timeline' | 'content';

export interface ProjectDecisionsTable {
  id: string;
  project_id: string;
  user_id: string;
  category: DecisionCategory;
  value: Json;
  summary: string;
  confidence: 'high' | 'medium' | 'low';
  rationale: string | null;
  source_message_id: string | null;
  status: 'current' | 'superseded';
  superseded_by_id: string | null;
  superseded_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ProjectDraftsTable {
  id: string;
  project_id: string;
  user_id: string;
  task_id: string;
  version: number;
  content: string;
  source: 'model' | 'template' | 'edited';
  status: 'streaming' | 'complete' | 'incomplete';
  model: string | null;
  based_on_version: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AiUsageLogsTable {
  id: string;
  user_id: string;
  project_id: string | null;
  message_id: string | null;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  output_estimated: Flag;
  cost_micros: number;
  status: 'complete' | 'aborted' | 'failed';
  error_code: string | null;
  duration_ms: number;
  /** UTC day, YYYY-MM-DD: the unit of the daily limit and the cost alert. */
  usage_day: string;
  created_at: Timestamp;
}

export interface CoachDailyUsageTable {
  user_id: string;
  day: string;
  messages: number;
}

export interface CoachStreamSlotsTable {
  user_id: string;
  slot: number;
  lease_id: string;
  lease_until: number;
}

export interface CoachCostAlertsTable {
  day: string;
  total_cost_micros: number;
  threshold_micros: number;
  fired_at: Timestamp;
}

/** A numeric column with a default. */
type Counter = ColumnType<number, number | undefined, number>;

export interface QuestionOptionsTable {
  id: string;
  question_id: string;
  /** The authored position; students see the options shuffled per attempt. */
  position: number;
  text: string;
  is_correct: Flag;
  /** For a distractor: the real mistake behind it. */
  mistake: string | null;
}

export interface QuestionAttemptsTable {
  id: string;
  user_id: string;
  question_id: string;
  course_id: string;
  mode: 'free' | 'mcq';
  /** JSON array of option ids in the order this attempt showed them (MCQ). */
  option_order: ColumnType<unknown, string | null, string | null>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  correct: Flag;
  assisted: Flag;
  tries: ColumnType<number, number | undefined, number>;
  time_spent_ms: ColumnType<number, number | undefined, number>;
  /** The attempt has been applied as a spaced-repetition review of its pattern. */
  reviewed: Flag;
  /** The generated exam whose submission recorded this attempt (NULL for practice). */
  exam_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The solution reveal that marked it assisted (its fresh id): later statements of that reveal's list check it. */
  assisted_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AttemptSubmissionsTable {
  id: string;
  attempt_id: string;
  user_id: string;
  question_id: string;
  /** NULL for input that was not graded (unparsable, grader failure): it does not count as a try. */
  try_number: number | null;
  answer: string | null;
  option_id: string | null;
  correct: Flag;
  /** A grader outcome code (`missing_constant`, ...) or `mcq_distractor`. */
  outcome: string;
  time_spent_ms: number;
  created_at: Timestamp;
}

export interface UserProgressTable {
  user_id: string;
  question_id: string;
  course_id: string;
  attempts: number;
  correct: number;
  first_try_correct: number;
  assisted: number;
  time_spent_ms: number;
  last_seen_at: Timestamp;
}

export interface TopicMasteryTable {
  user_id: string;
  topic_id: string;
  course_id: string;
  /** Probability the topic is mastered (see src/exam/assessment/mastery.ts). */
  estimate: number;
  attempts: number;
  updated_at: Timestamp;
}

export interface PatternMasteryTable {
  user_id: string;
  pattern_id: string;
  course_id: string;
  topic_id: string;
  estimate: number;
  attempts: number;
  updated_at: Timestamp;
  /** The pattern's ts-fsrs card; `due` is NULL until its first review. */
  due: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  stability: Counter;
  difficulty: Counter;
  scheduled_days: Counter;
  learning_steps: Counter;
  reps: Counter;
  lapses: Counter;
  state: Counter;
  last_review: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface UserCoursesTable {
  user_id: string;
  course_id: string;
  enrolled_at: Timestamp;
}

export interface AnalysisCacheTable {
  course_id: string;
  data_version: number;
  analysis: Json;
  computed_at: Timestamp;
}

export interface GeneratedExamsTable {
  id: string;
  user_id: string;
  course_id: string;
  exam_type: 'midterm' | 'final';
  seed: string;
  total_points: number;
  duration_minutes: number;
  created_at: Timestamp;
  started_at: Timestamp | null;
  due_at: Timestamp | null;
  submitted_at: Timestamp | null;
  late_ms: number | null;
  score: number | null;
  submission_id: string | null;
}

export interface GeneratedExamQuestionsTable {
  exam_id: string;
  number: number;
  question_id: string;
  points: number;
  answer: string | null;
  option_id: string | null;
  outcome: string | null;
  correct: ColumnType<boolean | number | null, boolean | null | undefined, boolean | null>;
  score: number | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  courses: CoursesTable;
  exams: ExamsTable;
  topics: TopicsTable;
  questions: QuestionsTable;
  question_patterns: QuestionPatternsTable;
  credit_transactions: CreditTransactionsTable;
  stripe_events: StripeEventsTable;
  user_unlocks: UserUnlocksTable;
  rate_limit_buckets: RateLimitBucketsTable;
  creator_profiles: CreatorProfilesTable;
  active_projects: ActiveProjectsTable;
  project_chat_messages: ProjectChatMessagesTable;
  project_task_completions: ProjectTaskCompletionsTable;
  project_decisions: ProjectDecisionsTable;
  project_drafts: ProjectDraftsTable;
  ai_usage_logs: AiUsageLogsTable;
  coach_daily_usage: CoachDailyUsageTable;
  coach_stream_slots: CoachStreamSlotsTable;
  coach_cost_alerts: CoachCostAlertsTable;
  question_options: QuestionOptionsTable;
  question_attempts: QuestionAttemptsTable;
  attempt_submissions: AttemptSubmissionsTable;
  user_progress: UserProgressTable;
  topic_mastery: TopicMasteryTable;
  pattern_mastery: PatternMasteryTable;
  user_courses: UserCoursesTable;
  analysis_cache: AnalysisCacheTable;
  generated_exams: GeneratedExamsTable;
  generated_exam_questions: GeneratedExamQuestionsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type QuestionRow = Selectable<QuestionsTable>;
export type TopicRow = Selectable<TopicsTable>;
export type ExamRow = Selectable<ExamsTable>;
export type PatternRow = Selectable<QuestionPatternsTable>;
export type CreditTransactionRow = Selectable<CreditTransactionsTable>;
export type { Generated };

export function toBool(value: boolean | number | null | undefined): boolean {
  return value === true || value === 1;
}

/** Every driver hands JSON columns back as their text (src/db/connection.ts keeps pg from parsing JSONB itself). */
export function fromJson<T>(value: unknown): T {
  if (typeof value !== 'string') throw new TypeError(`a JSON column must be read as text, got ${typeof value}`);
  return JSON.parse(value) as T;
}
