import { RegExpRouter } from '/work/main/node_modules/hono/dist/router/reg-exp-router/index.js';
function tryit(paths: string[][]) { const r = new RegExpRouter<number>(); try { paths.forEach(([m,p],i)=>r.add(m,p,i)); const res = r.match(paths[0]![0]==='ALL'?'GET':paths[0]![0]!, '/q/new'); console.log('ok  ', JSON.stringify(paths), JSON.stringify(res[0].map((x:any)=>x[0]))); } catch (e) { console.log('FAIL', JSON.stringify(paths), String(e)); } }
tryit([['GET','/q/new'],['GET','/q/:id']]);
tryit([['GET','/q/:id'],['GET','/q/new']]);
tryit([['POST','/q/practice'],['POST','/q/:id']]);
