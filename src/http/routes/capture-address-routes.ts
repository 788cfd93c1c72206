import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { captureAddressView } from '../../api-shapes/capture-address.js';
import type { CaptureAddressService } from '../../services/capture-address/capture-address-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** The signed-in user's personal capture address: see it, and replace it when it leaked. */
export function captureAddressRoutes(
  captureAddresses: CaptureAddressService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/me/capture-address',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Your capture address: mail BCC’d or forwarded to it is filed as yours',
          response: { 200: captureAddressView, ...errorResponses(401) },
        },
      },
      async (request) => captureAddresses.addressOf(requireUser(request).id),
    );
    app.post(
      '/api/me/capture-address/rotate',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Replace your capture address; mail to the old one is refused from now on',
          response: { 200: captureAddressView, ...errorResponses(401, 403) },
        },
      },
      async (request) => captureAddresses.rotate(requireUser(request).id),
    );
  };
}
