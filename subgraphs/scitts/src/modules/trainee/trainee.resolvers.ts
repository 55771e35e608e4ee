import type { Resolvers } from '../../generated/resolvers-types.ts';
import { isEarlyYearsRoute } from './trainee.entity.ts';

export const traineeResolvers: Resolvers = {
  Query: {
    trainee: (_, { id }, { loaders }) => loaders.traineeById.load(id),
  },
  Trainee: {
    scitt: async (trainee, _, { loaders }) => (await loaders.scittById.load(trainee.scitt.id))!,
    teacher: (trainee) => (trainee.trn ? { trn: trainee.trn } : null),
    award: (trainee) => (trainee.status === 'AWARDED' ? (isEarlyYearsRoute(trainee.route) ? 'EYTS' : 'QTS') : null),
    awardedOn: (trainee) => trainee.awardedOn ?? null,
    placements: (trainee, _, { loaders }) => loaders.placementsByTrainee.load(trainee.id),
  },
};
