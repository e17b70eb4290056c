/**
 * The load and streaming benchmark ({@code scripts/bench-load}): many concurrent candidates through the
 * service, the same clients straight against the fake model server as the lower bound. Not a test: no class
 * here is named {@code *Tests}, so {@code ./mvnw verify} never runs it.
 */
package dev.rehearse.bench;
