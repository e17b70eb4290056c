/**
 * Question banks: parsing bank files from {@code seeds/}, the banks and their questions in PostgreSQL,
 * and the read-only bank API.
 */
package dev.rehearse.questionbank;
