import { SetMetadata } from '@nestjs/common';

/** Metadata key of `PublicRoute`, read by app-level authentication guards. */
export const PUBLIC_ROUTE = 'service-kit:public-route';

/** The route (or controller) needs no credentials, even where a guard covers every route: probes, scrapes. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
