/** A problem with the command line or its input files: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
