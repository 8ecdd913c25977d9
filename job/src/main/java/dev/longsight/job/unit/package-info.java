/**
 * Run records: the {@link dev.longsight.job.unit.WorkUnit} shipped to an executor, the
 * {@link dev.longsight.job.unit.UnitResult} it returns, and the
 * {@link dev.longsight.job.unit.ModelShape} every unit of a run shares.
 */
package dev.longsight.job.unit;
