// Prints one plain closing line, "tests: N passed, N failed, N skipped", that CI systems read.
// Written at process exit so it comes after Jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    const line = `tests: ${passed} passed, ${failed} failed, ${skipped + todo} skipped\n`;
    process.once("exit", () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
