/**
 * The `svm` command line: one commander program with a subcommand per job. Usage errors (unknown
 * flags, bad values, missing arguments) exit with 2 and say which flag and what it accepts.
 */
import { Command } from 'commander';
import { evalCommand } from './commands/eval.js';
import { gradcheckCommand } from './commands/gradcheck.js';
import { landscapeCommand } from './commands/landscape.js';
import { predictCommand } from './commands/predict.js';
import { raceCommand } from './commands/race.js';
import { searchCommand } from './commands/search.js';
import { sweepCommand } from './commands/sweep.js';
import { trainCommand } from './commands/train.js';

export function buildProgram(): Command {
  const program = new Command('svm');
  program
    .description("Optimizing linear classifiers, live in the terminal: CS231n's optimization lecture as commands.")
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ sortOptions: false, showGlobalOptions: false });
  const commands = [trainCommand(), gradcheckCommand(), sweepCommand(), landscapeCommand(), raceCommand(), searchCommand(), evalCommand(), predictCommand()];
  for (const c of commands) {
    // addCommand() does not pass settings down (command() would): usage errors must throw here
    // too, so main() maps them to exit code 2 instead of commander exiting with 1.
    c.exitOverride().showHelpAfterError('(add --help for usage)').configureHelp({ sortOptions: false });
    program.addCommand(c);
  }
  program.addHelpText(
    'after',
    `
Every command takes --help. Without a terminal (pipes, CI) output is plain lines; --json prints
one JSON object per event. Exit codes: 0 done, 1 failed or diverged, 2 bad usage.`,
  );
  return program;
}
