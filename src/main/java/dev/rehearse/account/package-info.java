/**
 * Accounts: registration, login (session cookie for the browser, HTTP Basic for scripts), sessions
 * kept in PostgreSQL, and the security rules of the API.
 */
package dev.rehearse.account;
