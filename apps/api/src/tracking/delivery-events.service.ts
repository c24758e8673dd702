import { Injectable, NotFoundException } from '@nestjs/common';
import { deliveryEventStatement, type MessageEventName } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Stores what became of a message (delivered, opened, clicked, bounced, unsubscribed, complained,
 * failed) on the timeline of the customer it went to, with an outbox row so journeys, segments and
 * computed traits receive it like any tracked event. Once-per-message events are idempotent (a
 * provider repeating a callback stores nothing new); opens and clicks are stored each time.
 */
@Injectable()
export class DeliveryEventsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `messageId` is the message ledger id. Throws NotFound when no message has that id; returns
   * quietly when the event was already stored or its customer was erased (nothing to record).
   */
  async record(
    messageId: string,
    name: MessageEventName,
    properties?: Record<string, unknown>,
    manager?: EntityManager,
  ): Promise<{ stored: boolean }> {
    const { text, values } = deliveryEventStatement({ messageId, name, properties });
    const [row]: { found: boolean; stored: boolean }[] = await (manager ?? this.dataSource.manager).query(
      text,
      values,
    );
    if (!row?.found) throw new NotFoundException(`Message ${messageId} not found`);
    return { stored: row.stored };
  }
}
