package dev.longsight.job.fidelity;

import java.io.Serializable;

/**
 * Fidelity of one pattern at one length on one document, over its layers and heads: the spread between documents is
 * the error bar of every mean, and a trend fitted per document tells a real slope from one document's accident.
 */
public record DocumentResult(String pattern, String granularity, int length, int document, double droppedMean, double droppedLate,
                             double relL2Late) implements Serializable {}
