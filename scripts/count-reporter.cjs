// Prints one plain closing line, "jest: N passed, N failed, N skipped", that
// CI can read whatever reporter output comes before it.
class CountReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results
    process.stderr.write(
      `jest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`
    )
  }
}
module.exports = CountReporter
