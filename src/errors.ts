/**
 * One error style for all of Milieu. Every error says which part raised it; input errors also say
 * where in which file. The CLI maps `InputError`/`UsageError` to exit code 2, anything else to 1.
 */

export class MilieuError extends Error {
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(message);
    this.name = 'MilieuError';
  }
}

/** A problem at one place of one input file. `line` is 1-based and counts the header line. */
export interface InputIssue {
  file: string;
  line: number | null;
  column: string | null;
  reason: string;
}

export function formatIssue(issue: InputIssue): string {
  const where = [issue.file, issue.line ?? undefined].filter((x) => x !== undefined).join(':');
  const col = issue.column ? ` [${issue.column}]` : '';
  return `${where}${col}: ${issue.reason}`;
}

/** Bad input: carries every issue found (the CLI prints the first 50 and the total). */
export class InputError extends MilieuError {
  constructor(
    part: string,
    readonly issues: InputIssue[],
    readonly total = issues.length,
  ) {
    super(part, issues.length > 0 ? formatIssue(issues[0]) : 'invalid input');
    this.name = 'InputError';
  }
}

/** Wrong use: a missing file, a bad option value, an unknown command. */
export class UsageError extends MilieuError {
  constructor(part: string, message: string) {
    super(part, message);
    this.name = 'UsageError';
  }
}
