/** The shape of the one app store: the union of its slices. */
import type { DamonSlice } from './damon-slice';
import type { HealthSlice } from './health-slice';
import type { HeatViewSlice } from './heat-view-slice';
import type { LockLabSlice } from './lock-lab-slice';
import type { NumaSlice } from './numa-slice';
import type { ScenarioSlice } from './scenario-slice';
import type { ScoreboardSlice } from './scoreboard-slice';
import type { SimSlice } from './sim-slice';
import type { ThpSlice } from './thp-slice';
import type { ViewSlice } from './view-slice';

export type AppState = SimSlice &
  ScenarioSlice &
  ViewSlice &
  HeatViewSlice &
  DamonSlice &
  HealthSlice &
  LockLabSlice &
  ThpSlice &
  NumaSlice &
  ScoreboardSlice;
