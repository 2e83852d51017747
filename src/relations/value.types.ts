import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../graphql/scalars';
import { DatePrecision, Qualifier } from '../graphql/enums';
import type { Qualifier as QualifierName } from '../ingest/quantity';

@ObjectType({ description: 'An amount of money in yuan, exact, with how exact the page was.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'The representative value: the value itself, or a range midpoint.' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code; always CNY for the seed page.' })
  currency!: string;

  @Field(() => Qualifier)
  qualifier!: QualifierName;

  @Field(() => DecimalScalar, { nullable: true, description: 'Lower bound, null when open.' })
  lower!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Upper bound, null when open.' })
  upper!: string | null;

  @Field({ description: 'The text as printed, e.g. 4000余万元.' })
  raw!: string;

  @Field({ description: 'A short English rendering, e.g. "over 40,000,000 CNY".' })
  formatted!: string;

  @Field({
    description:
      'True when the page gives the amount as a forecast or plan (预计总投资80亿元), not as money spent or raised; for a sum, when any summed amount is.',
  })
  expected!: boolean;
}

@ObjectType({ description: 'A measured figure in base units (t, m2, kWh, piece, count, ...), exact.' })
export class Quantity {
  @Field(() => DecimalScalar)
  amount!: string;

  @Field({ description: 'Base unit: CNY, t, m2, kWh, piece, m, degC, percent, count or hour.' })
  unit!: string;

  @Field(() => String, { nullable: true, description: 'For counts, the measure word as printed (家, 户, 个国家).' })
  countNoun!: string | null;

  @Field(() => Qualifier)
  qualifier!: QualifierName;

  @Field(() => DecimalScalar, { nullable: true })
  lower!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  upper!: string | null;

  @Field()
  raw!: string;

  @Field()
  formatted!: string;

  @Field({
    description:
      'True when the page gives the figure as a forecast or plan (预计新增投资5亿元), not as what is; the fact\'s properties say qualifier "expected".',
  })
  expected!: boolean;
}

@ObjectType({ description: 'A date known to a year, a month or a day.' })
export class PartialDate {
  @Field({ description: 'YYYY, YYYY-MM or YYYY-MM-DD.' })
  value!: string;

  @Field(() => DatePrecision)
  precision!: DatePrecision;
}

@ObjectType({ description: 'A span of time; without an end it means "since start".' })
export class Period {
  @Field(() => PartialDate)
  start!: PartialDate;

  @Field(() => PartialDate, { nullable: true })
  end!: PartialDate | null;
}

@ObjectType()
export class KeyValue {
  @Field()
  key!: string;

  @Field()
  value!: string;
}

@ObjectType({ description: 'A sum of amounts that says how much of it is approximate.' })
export class MoneySum {
  @Field(() => Money, {
    nullable: true,
    description: 'The exact sum of representative amounts; null when nothing was summed.',
  })
  total!: Money | null;

  @Field(() => Int, { description: 'How many amounts were summed.' })
  summedCount!: number;

  @Field(() => Int)
  exactCount!: number;

  @Field(() => Int, { description: 'Summed amounts the page gives as forecasts or plans (预计).' })
  expectedCount!: number;

  @Field(() => Int, { description: 'Amounts printed as approximate, "over", "under" and the like.' })
  approximateCount!: number;

  @Field(() => Int, { description: 'Amounts printed as ranges (their midpoint was summed).' })
  rangeCount!: number;

  @Field(() => Int, { description: 'Items that have no amount at all.' })
  missingCount!: number;
}

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
