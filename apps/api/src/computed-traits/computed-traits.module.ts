import { Module } from '@nestjs/common';
import { ComputedTraitsRecompute } from './computation/computed-traits-recompute.service';
import { ProfileTraitsCalculator } from './computation/profile-traits.calculator';
import { ComputedTraitsController } from './computed-traits.controller';
import { ComputedTraitsRepository } from './persistence/computed-traits.repository';

/**
 * Computed traits: declared definitions (`/computed-traits`), their values in
 * `profiles.computed_traits`, the per-profile calculator the segment refresh runs after ingestion,
 * and the full computation with the base's scales.
 */
@Module({
  controllers: [ComputedTraitsController],
  providers: [ComputedTraitsRepository, ProfileTraitsCalculator, ComputedTraitsRecompute],
  exports: [ComputedTraitsRepository, ProfileTraitsCalculator, ComputedTraitsRecompute],
})
export class ComputedTraitsModule {}
