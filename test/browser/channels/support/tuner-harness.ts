// Builds a tuner over real parts: the lineup (real IndexedDB), parental control (real Web Crypto), the CA
// session over the simulated smart card, and the test box (player, signal, tune requests) at the seam.
import {
  SimulatedCardCa, createTuner, openConditionalAccess, openLineup, openParentalControl, type Channel, type ConditionalAccess,
  type Lineup, type ParentalControl, type ProgrammeRef, type SimulatedCardState, type Tuner, type TunerOptions, type ZapRecord,
  type ZapSkip,
} from '../../../../sdk/index.js';
import { TEST_LINEUP } from './lineup-fixture.js';
import { TestPlayer, deleteDb, testLivePlatform, uniqueDbName, type TestLivePlatform, type TestPlayerOptions } from './test-live-platform.js';

export const PIN = '2580';

export interface TunerHarness {
  readonly tuner: Tuner;
  readonly lineup: Lineup;
  readonly player: TestPlayer;
  readonly platform: TestLivePlatform;
  readonly sim: SimulatedCardCa;
  readonly ca: ConditionalAccess;
  readonly parental: ParentalControl;
  readonly zaps: ZapRecord[];
  close(): Promise<void>;
}

export interface HarnessOptions extends TestPlayerOptions {
  readonly card?: SimulatedCardState;
  /** Products the card is entitled to at start. Default all of the lineup's (10, 20). */
  readonly entitled?: readonly number[];
  readonly services?: readonly Channel[];
  readonly skip?: ZapSkip;
  readonly programmeAt?: (channel: Channel, at: number) => ProgrammeRef | undefined;
  readonly withCa?: boolean;
  /** Parental control's clock (default the real one) and the viewing window's time zone. */
  readonly parentalNow?: () => number;
  readonly timeZone?: string;
}

export async function tunerHarness(options: HarnessOptions = {}): Promise<TunerHarness> {
  const channelsDb = uniqueDbName('tuner-channels');
  const parentalDb = uniqueDbName('tuner-parental');
  const platform = testLivePlatform(options.services ?? []);
  const lineup = await openLineup({ json: TEST_LINEUP, platform, dbName: channelsDb });
  const parental = await openParentalControl({
    dbName: parentalDb, iterations: 1000,
    ...(options.parentalNow ? { now: options.parentalNow } : {}),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  await parental.setPin(PIN);
  const player = new TestPlayer(options);
  const sim = new SimulatedCardCa({ card: options.card ?? 'ready' });
  for (const product of options.entitled ?? [10, 20]) sim.entitle(product);
  const ca = openConditionalAccess(sim);
  const tunerOptions: TunerOptions = {
    lineup, player, platform, parental,
    ...(options.withCa === false ? {} : { ca }),
    ...(options.skip ? { skip: options.skip } : {}),
    ...(options.programmeAt ? { programmeAt: options.programmeAt } : {}),
  };
  const tuner = createTuner(tunerOptions);
  const zaps: ZapRecord[] = [];
  const sub = tuner.zaps$.subscribe((zap) => zaps.push(zap));
  return {
    tuner, lineup, player, platform, sim, ca, parental, zaps,
    async close() {
      sub.unsubscribe();
      tuner.close();
      ca.close();
      sim.dispose();
      player.destroy();
      parental.close();
      lineup.close();
      await deleteDb(channelsDb);
      await deleteDb(parentalDb);
    },
  };
}
