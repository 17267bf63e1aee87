import { Module } from '@nestjs/common';

/** Platform staff's cross-tenant administration (approve, suspend, impersonate...). */
@Module({})
export class AdminTenantsModule {}
