import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  senderAddress,
  senderCodeInput,
  senderCodeRequest,
} from '../../api-shapes/sender-address.js';
import type { SenderAddressService } from '../../services/send/sender-address-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** The user proves they receive mail at the address Threadline sends from in their name. */
export function senderAddressRoutes(senders: SenderAddressService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/me/sender-address',
      {
        schema: {
          tags: ['sending'],
          summary: 'My sender address and whether it is verified',
          response: { 200: senderAddress, ...errorResponses(401) },
        },
      },
      async (request) => senders.status(requireUser(request)),
    );
    app.post(
      '/api/me/sender-address/verification',
      {
        schema: {
          tags: ['sending'],
          summary: 'Mail a 6-digit code to my sender address through one of my mailboxes',
          body: senderCodeRequest,
          response: { 200: senderAddress, ...errorResponses(400, 401, 404, 422, 429) },
        },
      },
      async (request) => senders.sendCode(requireUser(request), request.body.mailboxId),
    );
    app.post(
      '/api/me/sender-address/verification/confirm',
      {
        schema: {
          tags: ['sending'],
          summary: 'Enter the code mailed to my sender address: sending from it is allowed',
          body: senderCodeInput,
          response: { 200: senderAddress, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => senders.confirm(requireUser(request), request.body.code),
    );
  };
}
