import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class RoleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'editor' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String], example: ['members:read'] }) permissions: string[];
  @ApiProperty() system: boolean;
  @ApiProperty() memberCount: number;
}

export class RoleListDto {
  @ApiProperty({ type: [RoleDto] }) data: RoleDto[];
}

export class CreateRoleDto {
  @ApiProperty({ minLength: 2, maxLength: 60 })
  @IsString()
  @Length(2, 60)
  name: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({ type: [String], maxItems: 200, maxLength: 100, description: 'Permission keys; `*` wildcards allowed (e.g. `members:*`)' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  permissions: string[];
}

export class UpdateRoleDto extends PartialType(CreateRoleDto) {}

export class PermissionDto {
  @ApiProperty({ example: 'members:read' }) key: string;
  @ApiProperty({ example: 'members' }) group: string;
  @ApiProperty() description: string;
}

export class PermissionListDto {
  @ApiProperty({ type: [PermissionDto] }) data: PermissionDto[];
}
