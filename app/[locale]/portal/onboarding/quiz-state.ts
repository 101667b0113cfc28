export interface StartQuizState {
  at: number;
  message: string | null;
}

export const idleStartQuizState: StartQuizState = { at: 0, message: null };
