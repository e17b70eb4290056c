/**
 * Accounts: registration (password strength, creation limits, admin names reserved), admins created
 * from configuration, login (session cookie for the browser, HTTP Basic for scripts) behind a sign-in
 * throttle, sessions and CSRF tokens kept in PostgreSQL, the security headers, and the security rules
 * of the API.
 */
package dev.rehearse.account;
