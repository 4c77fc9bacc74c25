import { factories } from '@strapi/strapi';
import { countingWhenNeeded } from '../../../lib/count-when-needed';

// A list whose page tells its total (a lookup by slug) is not counted again.
export default factories.createCoreService('api::category.category', countingWhenNeeded('api::category.category'));
