/**
 * Question banks: bank files shipped in the application or found in the banks directory, parsed by
 * {@link dev.rehearse.questionbank.BankFormat} beans; the banks and their questions in PostgreSQL, and
 * the read-only bank API.
 */
package dev.rehearse.questionbank;
