import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ItemIdParam {
  @ApiProperty({ format: 'uuid', description: 'id of one item version (what a case references)' })
  @IsUUID()
  itemId!: string;
}
