import { summarize } from '/work/main/bench/profile.ts';
console.log(summarize(process.argv[2]!, 60));
