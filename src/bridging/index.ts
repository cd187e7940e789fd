export * from './candidates.ts';
export * from './components.ts';
export * from './evaluation.ts';
export * from './explanations.ts';
export * from './logistic.ts';
export * from './model.ts';
export * from './recommend.ts';
export * from './snapshot.ts';
