/**
 * Cross-cutting configuration: the database (configured or embedded), error handling as ProblemDetail.
 */
package dev.rehearse.system;
