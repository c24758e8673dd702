import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { countSmsSegments, type SmsSegmentCount } from '@parcours/domain';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { SmsSegmentsRequestDto } from './dtos/twilio-webhooks.dto';

/** What a text will cost before it is sent, for the studio's SMS editor. */
@ApiTags('channels')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller('sms')
export class SmsSegmentsController {
  @Post('segments')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Counts the SMS segments of a text: GSM-7 (160, then 153 per part) or UCS-2 (70, then 67)',
    description: 'Extension characters (€ [ ] { } ~ ^ | \\) take two GSM-7 septets, emoji two UCS-2 units.',
  })
  @ApiOkResponse({ description: '{ encoding, characters, units, segments, unitsPerSegment }' })
  count(@Body() body: SmsSegmentsRequestDto): SmsSegmentCount {
    return countSmsSegments(body.text);
  }
}
