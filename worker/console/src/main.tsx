import { render } from 'preact';
import { App } from './app.tsx';
import { createAppState } from './state.ts';
import './style.css';

render(<App state={createAppState()} />, document.getElementById('app')!);
