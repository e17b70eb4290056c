/**
 * Speech on the server: transcription and synthesis through Spring AI's OpenAI-compatible audio
 * models (configuration only, none by default), the limits and failure mapping around them, and the
 * recordings of voice answers a user chose to keep.
 */
package dev.rehearse.speech;
