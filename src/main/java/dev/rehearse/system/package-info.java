/**
 * Cross-cutting configuration: the database (configured or embedded), error handling as ProblemDetail,
 * and what every feature shares (telling Chinese from English text: {@link dev.rehearse.system.Language}).
 */
package dev.rehearse.system;
