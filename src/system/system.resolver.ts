import { Query, Resolver } from 'type-graphql';

/** The API version, so clients can check what they talk to. */
@Resolver()
export class SystemResolver {
  @Query(() => String, { description: 'The ZoneGraph API version.' })
  apiVersion(): string {
    return '0.2.0';
  }
}
