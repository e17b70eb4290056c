/**
 * Spaced review: each question's SM-2 schedule per candidate, replayed from how it went in each
 * interview; the questions due again, and how well each is mastered.
 */
package dev.rehearse.review;
