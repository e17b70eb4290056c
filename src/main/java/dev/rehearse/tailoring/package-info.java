/**
 * Interviews tailored to a job: the candidate's job description and resume, the plan of questions
 * that fits them (written by the model, or ranked offline), and the questions written for one
 * interview.
 */
package dev.rehearse.tailoring;
