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
  plan: ColumnType<'free' | 'starter' | 'unlimited', 'free' | 'starter' | 'unlimited' | undefined, 'free' | 'starter' | 'unlimited'>;
  monthly_credits: ColumnType<number, number | undefined, number>;
  credits_reset_at: number | null;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  role: ColumnType<'user' | 'admin', 'user' | 'admin' | undefined, 'user' | 'admin'>;
  is_active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token, hex; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  last_refreshed_at: Timestamp;
}

export interface CoursesTable {
  id: string;
  name: string;
  description: string | null;
  exam_count: ColumnType<number, number | undefined, number>;
  is_active: Flag;
  created_at: Timestamp;
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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  courses: CoursesTable;
  exams: ExamsTable;
  topics: TopicsTable;
  questions: QuestionsTable;
  question_patterns: QuestionPatternsTable;
  credit_transactions: CreditTransactionsTable;
  user_unlocks: UserUnlocksTable;
  rate_limit_buckets: RateLimitBucketsTable;
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

export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
