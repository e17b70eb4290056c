/**
 * Interviews: sessions and their turns, their one state machine, the streamed grading of answers
 * (decoupled from the HTTP connection), delivery figures, reports, history and progress.
 */
package dev.rehearse.interview;
