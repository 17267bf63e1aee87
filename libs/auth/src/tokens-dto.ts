import type { TokensDto } from './dto/auth.dto';

/** The token pair as answered to clients (drops internal fields such as the session id). */
export function toTokensDto(tokens: TokensDto): TokensDto {
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn, tenantId: tokens.tenantId };
}
