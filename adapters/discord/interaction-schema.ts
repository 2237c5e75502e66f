import { z } from 'zod';

/*
 * The parts of an interaction payload Paperboy reads, parsed at the edge. The
 * gateway's INTERACTION_CREATE and the HTTP endpoint deliver the same JSON.
 */

const user = z.object({ id: z.string(), username: z.string(), global_name: z.string().nullish(), bot: z.boolean().optional(), system: z.boolean().optional() });

const value = z.union([z.string(), z.number(), z.boolean()]);
const basicOption = z.object({ name: z.string(), type: z.number(), value: value.optional(), focused: z.boolean().optional() });
const subcommandOption = z.object({ name: z.string(), type: z.number(), options: z.array(basicOption).optional() });

const resolvedChannel = z.object({ id: z.string(), type: z.number(), parent_id: z.string().nullish(), permissions: z.string().optional() });

export const interactionSchema = z.object({
  id: z.string(),
  application_id: z.string(),
  type: z.number(),
  token: z.string(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.object({ id: z.string(), type: z.number(), parent_id: z.string().nullish() }).optional(),
  member: z.object({ user, permissions: z.string().optional() }).optional(),
  user: user.optional(),
  /** The message a button was on (message components). */
  message: z.object({ id: z.string() }).optional(),
  data: z
    .object({
      /** Commands and autocomplete. */
      name: z.string().optional(),
      options: z.array(subcommandOption).optional(),
      resolved: z.object({ channels: z.record(z.string(), resolvedChannel).optional() }).optional(),
      /** Buttons and modals. */
      custom_id: z.string().optional(),
      component_type: z.number().optional(),
      /** A submitted modal's rows of text inputs. */
      components: z.array(z.object({ components: z.array(z.object({ custom_id: z.string(), value: z.string().nullish() })).optional() })).optional(),
    })
    .optional(),
});

export type Interaction = z.infer<typeof interactionSchema>;

/** Discord's interaction and response types used here. */
export const InteractionKind = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const ResponseKind = { Pong: 1, Message: 4, Deferred: 5, AutocompleteResult: 8, Modal: 9 } as const;
