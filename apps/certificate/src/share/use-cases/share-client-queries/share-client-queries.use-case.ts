import { Injectable } from '@nestjs/common';
import { ShareClientView, toShareClientView } from '../../dto/share-client.dto';
import { ShareClientRepository } from '../../repositories/share-client.repository';

export interface ShareClientPage {
  items: ShareClientView[];
  page: number;
  pageSize: number;
  total: number;
}

/** The admin's reads of partner clients (never their secrets). */
@Injectable()
export class ShareClientQueries {
  constructor(private readonly clients: ShareClientRepository) {}

  async list(page: number, pageSize: number): Promise<ShareClientPage> {
    const { rows, total } = await this.clients.page(page, pageSize);
    return { items: rows.map(toShareClientView), page, pageSize, total };
  }

  async get(accessId: string): Promise<ShareClientView> {
    return toShareClientView(await this.clients.getById(accessId));
  }
}
