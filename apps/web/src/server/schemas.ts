/**
 * Request schemas, built from the shared field specs (src/shared/fields.ts). Every field is
 * optional (its default fills in), unknown fields are rejected, and Fastify validates each request
 * against its schema before a handler runs: a 400 names the field.
 */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import {
  GRAD_CHECK_FIELDS,
  LANDSCAPE_FIELDS,
  RACE_FIELDS,
  STEP_SIZE_FIELDS,
  TRAIN_FIELDS,
  type FieldSpec,
  type FieldSpecs,
} from '../shared/fields.js';

function fieldSchema(spec: FieldSpec): TSchema {
  // A string enum (not a union of literals) so the error lists the allowed values.
  if (spec.kind === 'choice') return Type.Unsafe<string>({ type: 'string', enum: [...spec.options], default: spec.default });
  const bounds = {
    // Rows of the training split: the route fills the default in, capped at the dataset's rows.
    ...(spec.trainingRows ? {} : { default: spec.default }),
    ...(spec.min !== undefined ? { minimum: spec.min } : {}),
    ...(spec.above !== undefined ? { exclusiveMinimum: spec.above } : {}),
    ...(spec.max !== undefined ? { maximum: spec.max } : {}),
  };
  return spec.integer ? Type.Integer(bounds) : Type.Number(bounds);
}

/** An object schema with one optional, defaulted property per field, nothing else allowed. */
export function settingsSchema(specs: FieldSpecs): TObject {
  const props: Record<string, TSchema> = {};
  for (const [name, spec] of Object.entries(specs)) props[name] = Type.Optional(fieldSchema(spec));
  return Type.Object(props, { additionalProperties: false });
}

export const TrainBody = settingsSchema(TRAIN_FIELDS);
export const RaceBody = settingsSchema(RACE_FIELDS);
export const LandscapeBody = settingsSchema(LANDSCAPE_FIELDS);
export const StepSizeBody = settingsSchema(STEP_SIZE_FIELDS);
export const GradCheckBody = settingsSchema(GRAD_CHECK_FIELDS);

/** Job ids are what randomUUID() makes; anything else cannot name a job. */
export const JobParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });

export const LearningRateBody = Type.Object(
  { factor: Type.Number({ minimum: 0.001, maximum: 1000 }) },
  { additionalProperties: false },
);
