import railObservation from './rail-observation/schema.json';

export default {
  'rail-observation': { schema: railObservation },
};
