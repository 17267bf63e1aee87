import { SetMetadata } from '@nestjs/common';

export const BODY_LIMIT_KEY = 'http:body-limit';

/**
 * The largest request body this route accepts, in bytes. Without it a public route accepts
 * PUBLIC_BODY_LIMIT_BYTES and an authenticated one BODY_LIMIT_BYTES; Fastify answers 413 before parsing.
 */
export const BodyLimit = (bytes: number) => SetMetadata(BODY_LIMIT_KEY, bytes);
