export type Sensitivity = 'low' | 'medium' | 'high';

export interface Thresholds {
  /** Robust z-score the change must reach (Huginn's fixed rule is 3σ). */
  z: number;
  /** Relative change it must also reach: 0.5 means +50 % for a spike, -50 % for a drop. */
  minRelativeChange: number;
  /** Welch t the tone difference must reach, and the smallest difference of mean tone on [-1, 1]. */
  toneT: number;
  minToneShift: number;
}

/** Higher sensitivity, lower thresholds: more alerts, more of them noise. */
export const THRESHOLDS: Record<Sensitivity, Thresholds> = {
  low: { z: 5, minRelativeChange: 1, toneT: 4, minToneShift: 0.3 },
  medium: { z: 3.5, minRelativeChange: 0.5, toneT: 3, minToneShift: 0.2 },
  high: { z: 2.5, minRelativeChange: 0.3, toneT: 2.5, minToneShift: 0.12 },
};
