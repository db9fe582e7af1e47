// DVB-SI EIT (ETSI EN 300 468): the `eit` and `ts` EPG sources and the section-level API under them.
// Importing this module registers both sources (sdk/epg/index.ts does so too).
export { crc32Mpeg, isCrc32MpegValid, CRC32_MPEG_POLYNOMIAL, CRC32_MPEG_INIT } from './crc32-mpeg.js';
export { bcdByte, mjdToUtcMs, decodeStartTime, decodeBcdDuration, formatUtc, formatDuration, MJD_UNIX_EPOCH } from './mjd-bcd.js';
export {
  decodeDvbText, dvbTextTable, describeDvbText, DVB_TEXT_DEFAULTS, type DvbTextContext, type DvbTextTable,
} from './dvb-text.js';
export {
  registerEitDescriptor, unregisterEitDescriptor, lookupEitDescriptor, eitDescriptorTags, type DecodedDescriptor,
  type EitDescriptorDecoder,
} from './descriptor-registry.js';
export {
  SHORT_EVENT_DESCRIPTOR_TAG, decodeShortEventDescriptor, isShortEventDescriptor, describeShortEventDescriptor,
  type ShortEventDescriptor,
} from './short-event-descriptor.js';
export {
  EXTENDED_EVENT_DESCRIPTOR_TAG, decodeExtendedEventDescriptor, isExtendedEventDescriptor, joinExtendedEvents,
  describeExtendedEventDescriptor, type ExtendedEventDescriptor, type ExtendedEventItem, type ExtendedEventText,
} from './extended-event-descriptor.js';
export {
  CONTENT_DESCRIPTOR_TAG, decodeContentDescriptor, isContentDescriptor, contentLabel, contentGenre, describeContentDescriptor,
  type ContentDescriptor, type ContentEntry,
} from './content-descriptor.js';
export {
  PARENTAL_RATING_DESCRIPTOR_TAG, decodeParentalRatingDescriptor, isParentalRatingDescriptor, ratingMinAge, ratingLabel,
  describeParentalRatingDescriptor, type ParentalRatingDescriptor, type ParentalRatingEntry,
} from './parental-rating-descriptor.js';
export {
  EIT_PID, EIT_TABLE_ID_MIN, EIT_TABLE_ID_MAX, isEitTableId, isPresentFollowing, eitTableName, RUNNING_STATUS_NAMES,
  decodeEitHeader, decodeEitEvents, decodeEitSection, describeEitSection, type EitSectionHeader, type EitEvent, type EitSection,
  type EitSectionResult, type EitHeaderResult, type EitSectionRefusal, type EitProblemCode, type EitProblemHandler,
} from './eit-section.js';
export {
  TsSectionDemux, TS_PACKET_SIZE, TS_SYNC_BYTE, type TsDemuxIssue, type TsDemuxIssueCode, type TsDemuxStats, type TsDemuxOptions,
} from './ts-demux.js';
export {
  EitCollector, eventToProgramme, dvbChannelId, type EitEpgSource, type EitParseOptions, type EitStats,
} from './eit-collector.js';
export { eitSectionsSource, probeEitSections, SectionSplitter, EIT_SECTIONS_FORMAT } from './eit-source.js';
export { transportStreamSource, probeTransportStream, TS_FORMAT } from './ts-source.js';
