/**
 * The command line: options read from argv (argv.ts, options.ts, from the one table option_table.ts that
 * also makes --help (help.ts) and the man page (man.ts)), the first connections (connect.ts), the outputs
 * for scripts (batch.ts, check.ts), and the monitor started on a terminal (monitor.ts). run.ts is the program
 * from argv to exit code. Of src/app it imports src/app/mod.ts only; it may import every layer below.
 * main.ts runs run.ts; nothing imports this file.
 *
 * @module
 */
export {};
