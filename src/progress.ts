/**
 * Progress reporting shared by the readers (io/), the store and the measures: one callback type, so
 * that the command line can draw one bar whatever part of Milieu is working.
 */

/** Called with the phase being worked on and how far it is (done of total units). */
export type Progress = (phase: string, done: number, total: number) => void;
