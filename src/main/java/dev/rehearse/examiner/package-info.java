/**
 * Grading a candidate's answer: the {@link dev.rehearse.examiner.Examiner} contract, the LLM examiner
 * on Spring AI, the offline examiner, the verdict and the prompts.
 */
package dev.rehearse.examiner;
