/** Headers the test process sends the D1 test worker (worker-entry.ts), which removes them before the app runs. */
export const TEST_APP_HEADER = 'x-pathwise-test-app';
/** The app's whole configuration (testConfig's result), as URI-encoded JSON: the worker runs exactly what the Node app runs. */
export const TEST_CONFIG_HEADER = 'x-pathwise-test-config';
/** The test's ManualClock reading when the request was sent. */
export const TEST_NOW_HEADER = 'x-pathwise-test-now';
