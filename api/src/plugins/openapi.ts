// The OpenAPI document, generated from the same route schemas ajv enforces, served as JSON at
// /openapi.json with an interactive page at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function installOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cunke API',
        version: '1.0.0',
        description:
          'Every response is `{code, message, data}`; lists are `data: {records, total, size, current, pages}`. ' +
          'Authenticate with `Authorization: Bearer <API key or token>`. 401 = missing or invalid credentials, ' +
          '403 = valid credentials without the permission, 404 = not found in your tenant, 422 = validation failed ' +
          '(`errors` lists every failing field). Messages are zh-CN unless Accept-Language prefers English.',
      },
      servers: [{ url: publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key (ck_…) or token (ck1.…)' } } },
      security: [{ bearer: [] }],
    },
    transform: ({ schema, url, route }) => {
      // Each route's required permissions, visible in the document.
      const perms = (route.config as { permissions?: string[]; anyOf?: boolean; public?: boolean } | undefined);
      const s = { ...(schema ?? {}) } as Record<string, unknown>;
      if (perms?.public) s.security = [];
      else if (perms?.permissions) {
        s.description = `${(s.description as string | undefined) ?? ''}\n\nPermission: ${perms.permissions.map((p) => `\`${p}\``).join(perms.anyOf ? ' or ' : ' and ')}`.trim();
      }
      return { schema: s, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
