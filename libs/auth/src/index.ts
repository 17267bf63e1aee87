export * from './access.guard';
export * from './auth.module';
export * from './auth.service';
export * from './current-principal.decorator';
export * from './dto/auth.dto';
export * from './jwt.strategy';
export * from './tokens.service';
export * from './user.entity';
