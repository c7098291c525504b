import { calculateGpa } from '../gpa';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  Query: {
    calculateGpa: (_parent, { classes }) => calculateGpa(classes),
  },
};
