/** The {@code seqcast} command-line tool (picocli): argument parsing, messages and exit codes only. */
package org.seqcast.cli;
